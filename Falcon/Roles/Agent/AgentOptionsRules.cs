using Falcon.Shared.Wire;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Agent;

/// <summary>Checks what attributes cannot: address lists, tier values, default tags; each problem names its key (tier names: <see cref="Scheduling.AgentCollectors"/>).</summary>
internal sealed class AgentOptionsRules : IValidateOptions<AgentOptions>
{
    public const string DefaultHbs = "127.0.0.1:6030";
    public const string DefaultTransfer = "127.0.0.1:8433";

    /// <summary>Fills the address lists left empty, so `--role all` works without an agent section.</summary>
    public static void ApplyDefaults(AgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Hbs.Count == 0)
        {
            options.Hbs.Add(DefaultHbs);
        }

        if (options.Transfer.Count == 0)
        {
            options.Transfer.Add(DefaultTransfer);
        }
    }

    public ValidateOptionsResult Validate(string? name, AgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        CheckAddresses("agent.hbs", options.Hbs, problems);
        CheckAddresses("agent.transfer", options.Transfer, problems);

        foreach (var (collector, seconds) in options.Tiers)
        {
            if (!AgentOptions.TierSeconds.Contains(seconds))
            {
                problems.Add($"agent.tiers.{collector} must be one of {string.Join(", ", AgentOptions.TierSeconds)} (seconds), got {seconds}");
            }
        }

        foreach (var (key, value) in options.DefaultTags)
        {
            if (key.Length == 0 || key.AsSpan().IndexOfAny(",= ") >= 0 || value.AsSpan().IndexOfAny(",= ") >= 0)
            {
                problems.Add($"agent.defaultTags.{key} must have a key and value without ',', '=' or spaces, got '{key}={value}'");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void CheckAddresses(string key, IList<string> addresses, List<string> problems)
    {
        for (var i = 0; i < addresses.Count; i++)
        {
            try
            {
                var (host, port) = WireEndpoint.Parse(addresses[i]);
                if (host.Length == 0 || port == 0)
                {
                    problems.Add($"{key}[{i}] must be host:port with a host and a port, got '{addresses[i]}'");
                }
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                problems.Add($"{key}[{i}] must be host:port (e.g. 10.0.0.1:8433), got '{addresses[i]}': {e.Message}");
            }
        }
    }
}
