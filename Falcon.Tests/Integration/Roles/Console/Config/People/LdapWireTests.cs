using System.Net;
using System.Net.Sockets;
using Falcon.Roles.Console;
using Falcon.Roles.Console.Auth;
using Microsoft.Extensions.Options;

namespace Falcon.Tests.Integration.Roles.Console.Config.People;

/// <summary>
/// The LDAP client against servers that misbehave, played by a socket on loopback: an answer claiming to be larger
/// than the limit is refused before it is read, and a server that never answers is given up on after the timeout.
/// </summary>
public sealed class LdapWireTests
{
    [Test]
    public async Task AnAnswerLargerThanTheLimit_IsRefusedBeforeItIsRead()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var server = Task.Run(async () =>
        {
            using var peer = await listener.AcceptTcpClientAsync();
            var stream = peer.GetStream();
            _ = await stream.ReadAsync(new byte[512]);
            await stream.WriteAsync(new byte[] { 0x30, 0x84, 0x7f, 0xff, 0xff, 0xff }); // a SEQUENCE of 2 GiB
            _ = await stream.ReadAsync(new byte[512]);
        });

        await using var wire = await LdapWire.ConnectAsync(new Uri($"ldap://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}"), startTls: false, trustedCas: null, CancellationToken.None);
        var error = Assert.ThrowsAsync<LdapException>(async () => await wire.BindAsync("cn=x", "secret-secret", CancellationToken.None));

        Assert.That(error!.Message, Does.Contain($"at most {LdapWire.MaxMessage}"));
        listener.Stop();
        await Task.WhenAny(server, Task.Delay(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public async Task ADirectoryThatNeverAnswers_IsGivenUpOnAfterTheTimeout()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var silent = new CancellationTokenSource();
        var server = Task.Run(async () =>
        {
            using var peer = await listener.AcceptTcpClientAsync();
            try
            {
                await Task.Delay(Timeout.Infinite, silent.Token);
            }
            catch (OperationCanceledException)
            {
                // The test is over.
            }
        });
        var options = new ConsoleOptions
        {
            Ldap = new ConsoleLdapOptions
            {
                Url = $"ldap://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}",
                BaseDn = "dc=example,dc=org",
                Timeout = TimeSpan.FromMilliseconds(300),
            },
        };

        var error = Assert.ThrowsAsync<LdapException>(async () => await new LdapDirectory(Options.Create(options)).AuthenticateAsync("lena", "lena-secret", CancellationToken.None));

        Assert.That(error!.Message, Does.Contain("no answer").And.Contain("console.ldap.timeout"));
        await silent.CancelAsync();
        listener.Stop();
        await server;
    }
}
