using System.Net;
using System.Net.Sockets;
using Falcon.Shared.Wire;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Agent;

/// <summary>The name this agent reports as (endpoint of its points, hostname of its heartbeats) and its IP.</summary>
internal sealed class AgentIdentity
{
    private readonly AgentOptions _options;

    public AgentIdentity(IOptions<AgentOptions> options)
    {
        _options = options.Value;
        Hostname = _options.Hostname.Length > 0 ? _options.Hostname : Dns.GetHostName();
    }

    public string Hostname { get; }

    /// <summary>`agent.ip`, else the local address a packet to <paramref name="hbsAddress"/> would leave from (as Go's agent reports), else "".</summary>
    public string Ip(string hbsAddress)
    {
        if (_options.Ip.Length > 0)
        {
            return _options.Ip;
        }

        try
        {
            var (host, port) = WireEndpoint.Parse(hbsAddress);
            var target = IPAddress.TryParse(host, out var ip) ? ip : Dns.GetHostAddresses(host).First(a => a.AddressFamily == AddressFamily.InterNetwork);
            // A UDP "connect" sends nothing; it only asks the kernel which local address routes to the target.
            using var socket = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            socket.Connect(target, port);
            return socket.LocalEndPoint is IPEndPoint local ? local.Address.ToString() : string.Empty;
        }
        catch (Exception e) when (e is SocketException or FormatException or InvalidOperationException or ArgumentException)
        {
            return string.Empty;
        }
    }
}
