using System.Net;

namespace Falcon.Cli.Http;

/// <summary>
/// One role HTTP API a command group talks to: where it listens by default and how its failures are put in words.
/// Each command group declares one (see <c>UpgradeCommand.Api</c>); <see cref="RoleApiOptions"/> and
/// <see cref="RoleApiClient"/> do the rest.
/// </summary>
internal sealed record RoleApi
{
    /// <summary>The role's configuration section, whose `httpListen` is the default address: "hbs", "alarm".</summary>
    public required string Role { get; init; }

    /// <summary>The role as messages name it: "hbs", "the alarm".</summary>
    public required string Who { get; init; }

    /// <summary>The role's `httpListen` default, used when the configuration has none: "0.0.0.0:6031".</summary>
    public required string DefaultListen { get; init; }

    /// <summary>The option that gives the address instead: "--hbs", "--url".</summary>
    public required string AddressOption { get; init; }

    /// <summary>What to check when the role cannot be reached: "is hbs running there? pass --hbs http://&lt;host&gt;:6031 otherwise".</summary>
    public required string UnreachableHint { get; init; }

    /// <summary>The API's name in a 404 message: "upgrade API".</summary>
    public required string Name { get; init; }

    /// <summary>What a good answer is, for an answer that is not one: "an hbs reply".</summary>
    public required string ReplyName { get; init; }

    /// <summary>
    /// The API's own wording for a refused call (status, the role's message), or null for the common wording: a 404
    /// names <see cref="Name"/>, anything else is "&lt;who&gt; answered &lt;status&gt;: &lt;message&gt;".
    /// </summary>
    public Func<HttpStatusCode, string, string?> Explain { get; init; } = static (_, _) => null;

    /// <summary>`hbs.httpListen`: the configuration key of the default address, as an operator writes it.</summary>
    public string ListenKey => $"{Role}.httpListen";

    /// <summary>The port of <see cref="DefaultListen"/>, for examples in messages.</summary>
    public string DefaultPort => DefaultListen[(DefaultListen.LastIndexOf(':') + 1)..];
}
