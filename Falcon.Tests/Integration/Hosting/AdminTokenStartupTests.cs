using System.Globalization;
using Falcon.Tests.Integration.Servers;

namespace Falcon.Tests.Integration.Hosting;

/// <summary>`falcon run` refuses an admin token too short to resist guessing, with one clear line.</summary>
[Category("Integration")]
public sealed class AdminTokenStartupTests
{
    [Test]
    public async Task ShortAdminToken_StopsTheStart_WithALineNamingTheKey()
    {
        using var falcon = ProcessShutdownTests.StartFalcon(
            "run", "--role", "agent",
            "--set", $"agent.httpListen=127.0.0.1:{ServerProcess.FreePort().ToString(CultureInfo.InvariantCulture)}",
            "--set", "host.adminToken=short");
        var output = ProcessShutdownTests.Capture(falcon.Process);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await falcon.Process.WaitForExitAsync(timeout.Token);

        Assert.That(falcon.Process.ExitCode, Is.EqualTo(1));
        Assert.That(output.ToString(), Does.Contain("host.adminToken is too short"));
    }
}
