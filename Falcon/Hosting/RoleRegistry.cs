namespace Falcon.Hosting;

/// <summary>The roles this build can run, and the parsing of a `--role` list against them.</summary>
internal sealed class RoleRegistry
{
    public const string AllRoles = "all";

    /// <summary>The roles of this build. Each role issue adds its `Add&lt;Role&gt;Role` here.</summary>
    public static RoleRegistry Default { get; } = new([Falcon.Roles.Hbs.HbsRole.Descriptor, Falcon.Roles.Judge.JudgeRole.Descriptor, Falcon.Roles.Transfer.TransferRole.Descriptor, Falcon.Roles.Alarm.AlarmRole.Descriptor, Falcon.Roles.Agent.AgentRole.Descriptor, Falcon.Roles.ApiProxy.ApiProxyRole.Descriptor, Falcon.Roles.Aggregator.AggregatorRole.Descriptor, Falcon.Roles.Console.ConsoleRole.Descriptor]);

    public RoleRegistry(IReadOnlyList<RoleDescriptor> roles)
    {
        Roles = roles;
    }

    public IReadOnlyList<RoleDescriptor> Roles { get; }

    /// <summary>The valid values of `--role`, as shown in help and errors.</summary>
    public string ValidNames =>
        Roles.Count == 0
            ? "(none: this build has no roles yet)"
            : string.Join(", ", Roles.Select(r => r.Name).Append(AllRoles));

    /// <summary>Parses `hbs`, `agent,transfer` or `all`; order follows the registry and duplicates collapse.</summary>
    public bool TryResolve(string? spec, out IReadOnlyList<RoleDescriptor> roles, out string error)
    {
        roles = [];
        var names = (spec ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0)
        {
            error = $"no role given; valid roles: {ValidNames}";
            return false;
        }

        if (names.Any(n => string.Equals(n, AllRoles, StringComparison.OrdinalIgnoreCase)))
        {
            if (Roles.Count == 0)
            {
                error = $"'{AllRoles}' names no role: this build has no roles yet";
                return false;
            }

            roles = Roles;
            error = string.Empty;
            return true;
        }

        var unknown = names
            .Where(n => !Roles.Any(r => string.Equals(r.Name, n, StringComparison.OrdinalIgnoreCase)))
            .ToArray();
        if (unknown.Length > 0)
        {
            error = $"unknown role{(unknown.Length > 1 ? "s" : string.Empty)} '{string.Join("', '", unknown)}'; valid roles: {ValidNames}";
            return false;
        }

        roles = Roles
            .Where(r => names.Any(n => string.Equals(r.Name, n, StringComparison.OrdinalIgnoreCase)))
            .ToArray();
        error = string.Empty;
        return true;
    }
}
