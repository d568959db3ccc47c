namespace Falcon.Roles.Console.Api;

/// <summary>The test-fire form.</summary>
internal sealed class TestFireRequest
{
    public string? Endpoint { get; init; }
}
