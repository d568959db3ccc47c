using System.ComponentModel.DataAnnotations;
using Falcon.Hosting;
using Falcon.Shared.Wire;

namespace Falcon.Roles.Judge.Sync;

/// <summary>The `judge` section's rule sync settings: which hbs servers to ask for strategies and expressions, and how often.</summary>
internal sealed class JudgeSyncOptions : IValidatableObject
{
    public const string SectionName = "judge";

    /// <summary>hbs RPC addresses (host:port), tried in turn until one answers (Go's hbs.servers).</summary>
    public IList<string> Hbs { get; set; } = ["127.0.0.1:6030"];

    /// <summary>How often the rules are fetched again (Go's hbs.interval).</summary>
    [DurationRange("judge.syncInterval", "00:00:00.100", "01:00:00")]
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Time allowed for one Hbs.GetStrategies or Hbs.GetExpressions call, connecting included.</summary>
    [DurationRange("judge.callTimeout", "00:00:00.010", "00:05:00")]
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Time allowed for one TCP connect to one hbs (Go's hbs.timeout).</summary>
    [DurationRange("judge.dialTimeout", "00:00:00.010", "00:01:00")]
    public TimeSpan DialTimeout { get; set; } = TimeSpan.FromMilliseconds(300);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Hbs is null || Hbs.Count == 0)
        {
            yield return new ValidationResult("judge.hbs must list at least one hbs address (host:port)");
            yield break;
        }

        for (var i = 0; i < Hbs.Count; i++)
        {
            var problem = AddressProblem(Hbs[i]);
            if (problem is not null)
            {
                yield return new ValidationResult($"judge.hbs.{i} {problem}");
            }
        }

        if (DialTimeout > CallTimeout)
        {
            yield return new ValidationResult($"judge.dialTimeout ({DialTimeout:c}) must not be longer than judge.callTimeout ({CallTimeout:c}), which includes connecting");
        }
    }

    private static string? AddressProblem(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return "must be host:port, got an empty value";
        }

        try
        {
            var (host, port) = WireEndpoint.Parse(address);

            // Parse accepts ":6030" (listen on every interface), which names no server to dial.
            return host.Length == 0 || port == 0 ? $"must name a host and a non-zero port, got '{address}'" : null;
        }
        catch (FormatException ex)
        {
            return $"must be host:port: {ex.Message}";
        }
    }
}
