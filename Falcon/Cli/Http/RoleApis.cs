namespace Falcon.Cli.Http;

/// <summary>
/// The roles the CLI talks to, with what is common to every API of each: where it listens by default, the option that
/// overrides it, what to check when it cannot be reached. A command group takes one and names its own API:
/// <c>RoleApis.Alarm with { Name = "silence API", ReplyName = "a silence API reply" }</c>.
/// </summary>
internal static class RoleApis
{
    public static RoleApi Hbs { get; } = new()
    {
        Role = "hbs",
        Who = "hbs",
        DefaultListen = "0.0.0.0:6031",
        AddressOption = "--hbs",
        UnreachableHint = "is hbs running there? pass --hbs http://<host>:6031 otherwise",
        Name = "HTTP API",
        ReplyName = "an hbs reply",
    };

    public static RoleApi Alarm { get; } = new()
    {
        Role = "alarm",
        Who = "the alarm",
        DefaultListen = "0.0.0.0:9912",
        AddressOption = "--url",
        UnreachableHint = "is the alarm role running there? pass --url http://<host>:9912 otherwise",
        Name = "HTTP API",
        ReplyName = "an alarm reply",
    };
}
