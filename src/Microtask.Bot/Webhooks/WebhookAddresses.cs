using System.Net;
using System.Net.Sockets;

namespace Microtask.Bot.Webhooks;

/// <summary>
/// Which addresses a webhook may reach: the public internet only, so that the bot cannot be made to probe its own
/// network. Refused: loopback, private (RFC 1918, fc00::/7), shared (100.64/10), link-local, unspecified,
/// multicast and reserved ranges, and the IPv6 forms that carry such an IPv4 address inside (mapped, NAT64, 6to4).
/// </summary>
internal static class WebhookAddresses
{
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        Span<byte> b = stackalloc byte[16];
        if (!address.TryWriteBytes(b, out var length))
        {
            return false;
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork when length == 4 => IsPublicV4(b[..4]),
            AddressFamily.InterNetworkV6 when length == 16 => IsPublicV6(b),
            _ => false,
        };
    }

    /// <summary>A loopback address (127/8, ::1), also written as an IPv4-mapped IPv6 address.</summary>
    public static bool IsLoopback(IPAddress address) =>
        IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    private static bool IsPublicV4(ReadOnlySpan<byte> b) => !(
        b[0] is 0 or 10 or 127 or >= 224 // this network, private, loopback; multicast, reserved, broadcast
        || (b[0] == 100 && (b[1] & 0xC0) == 64) // 100.64/10, shared (carrier NAT)
        || (b[0] == 169 && b[1] == 254) // link-local
        || (b[0] == 172 && (b[1] & 0xF0) == 16) // 172.16/12
        || (b[0] == 192 && b[1] == 168) // 192.168/16
        || (b[0] == 192 && b[1] == 0 && b[2] == 0) // 192.0.0/24, protocol assignments
        || (b[0] == 198 && (b[1] & 0xFE) == 18)); // 198.18/15, benchmarking

    private static bool IsPublicV6(ReadOnlySpan<byte> b)
    {
        if (b[..12].IndexOfAnyExcept((byte)0) < 0)
        {
            return false; // ::, ::1 and the old IPv4-compatible ::a.b.c.d
        }

        if ((b[0] & 0xFE) == 0xFC || b[0] == 0xFF || (b[0] == 0xFE && (b[1] & 0x80) == 0x80))
        {
            return false; // unique local fc00::/7, multicast ff00::/8, link-local fe80::/10 and site-local fec0::/10
        }

        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b[4..12].IndexOfAnyExcept((byte)0) < 0)
        {
            return IsPublicV4(b[12..]); // NAT64 64:ff9b::/96 reaches the IPv4 address in its last four bytes
        }

        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return IsPublicV4(b[2..6]); // 6to4 2002::/16
        }

        // Teredo 2001::/32 hides its IPv4 server and client; documentation 2001:db8::/32 is never a real host.
        return !(b[0] == 0x20 && b[1] == 0x01 && ((b[2] == 0 && b[3] == 0) || (b[2] == 0x0D && b[3] == 0xB8)));
    }
}
