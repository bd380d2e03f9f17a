using System.Net;
using System.Net.Sockets;

namespace Microtask.Bot.Tests.Outages;

/// <summary>
/// A TCP relay between the bot and a real server, which a test can cut (every open connection dropped, new ones
/// refused at once) and restore: an outage of PostgreSQL or Redis as the bot sees it, without stopping a server other
/// tests share.
/// </summary>
internal sealed class TcpCut : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly string host;
    private readonly int port;
    private readonly CancellationTokenSource stop = new();
    private readonly List<TcpClient> open = [];
    private volatile bool cut;

    private TcpCut(string host, int port)
    {
        this.host = host;
        this.port = port;
        listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public static TcpCut To(string host, int port) => new(host, port);

    /// <summary>Drops every connection and refuses new ones until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        cut = true;
        lock (open)
        {
            foreach (var client in open)
            {
                client.Close();
            }

            open.Clear();
        }
    }

    public void Restore() => cut = false;

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        Cut();
        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }

            if (cut)
            {
                inbound.Close();
                continue;
            }

            _ = RelayAsync(inbound);
        }
    }

    private async Task RelayAsync(TcpClient inbound)
    {
        var outbound = new TcpClient();
        try
        {
            await outbound.ConnectAsync(host, port, stop.Token);
            lock (open)
            {
                open.Add(inbound);
                open.Add(outbound);
            }

            await Task.WhenAny(PumpAsync(inbound, outbound), PumpAsync(outbound, inbound));
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
        }
        finally
        {
            inbound.Close();
            outbound.Close();
            lock (open)
            {
                open.Remove(inbound);
                open.Remove(outbound);
            }
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            var source = from.GetStream();
            var target = to.GetStream();
            int read;
            while ((read = await source.ReadAsync(buffer, stop.Token)) > 0)
            {
                await target.WriteAsync(buffer.AsMemory(0, read), stop.Token);
            }
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
        }
    }
}
