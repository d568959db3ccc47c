using Falcon.Tests.Integration;

namespace Falcon.Tests;

/// <summary>Stops every server <see cref="TestServers"/> started, once, after the last integration test.</summary>
[SetUpFixture]
public sealed class TestServersTeardown
{
    [OneTimeTearDown]
    public Task StopServersAsync() => TestServers.StopAllAsync();
}
