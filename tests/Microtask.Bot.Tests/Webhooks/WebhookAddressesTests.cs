using System.Net;
using Microtask.Bot.Webhooks;

namespace Microtask.Bot.Tests.Webhooks;

/// <summary>Which addresses a webhook may reach: the public internet, and nothing of the bot's own networks in any spelling.</summary>
public sealed class WebhookAddressesTests
{
    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("1.1.1.1")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2002:5db8:d70e::1")] // 6to4 of 93.184.215.14
    [InlineData("64:ff9b::5db8:d70e")] // NAT64 of 93.184.215.14
    public void A_public_address_is_allowed(string address) => Assert.True(WebhookAddresses.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("0.0.0.0")]
    [InlineData("10.0.0.1")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:192.168.0.1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("fe80::1")]
    [InlineData("ff02::1")]
    [InlineData("64:ff9b::a00:1")] // NAT64 of 10.0.0.1
    [InlineData("2002:7f00:1::1")] // 6to4 of 127.0.0.1
    [InlineData("2001:db8::1")]
    public void An_address_of_a_private_loopback_or_special_network_is_refused(string address) =>
        Assert.False(WebhookAddresses.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("10.0.0.1", false)]
    public void Loopback_is_told_apart_in_every_spelling(string address, bool loopback) =>
        Assert.Equal(loopback, WebhookAddresses.IsLoopback(IPAddress.Parse(address)));
}
