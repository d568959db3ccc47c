using System.ComponentModel.DataAnnotations;
using Falcon.Shared.Configuration;

namespace Falcon.Roles.Judge.Heartbeat;

/// <summary>`judge.heartbeat`: the event this judge sends through the alarm queues on a schedule (docs/heartbeat.md).</summary>
internal sealed class HeartbeatOptions : IValidatableObject
{
    /// <summary>The configuration section (`judge.heartbeat` in YAML).</summary>
    public const string SectionName = "judge:heartbeat";

    /// <summary>Off when the alarm reading the queues is open-falcon's (it would record each heartbeat as an event).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Time between two heartbeats; keep it well below alarm.heartbeat.maxSilence.</summary>
    [DurationRange("judge.heartbeat.interval", "00:00:00.100", "01:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The priority whose queue (judge.eventQueuePattern) carries the heartbeat.</summary>
    [KeyedRange("judge.heartbeat.priority", 0, 99)]
    public int Priority { get; set; }

    /// <summary>How this judge names itself in heartbeats (alarm's /health names silent judges by it); empty means host name and RPC port.</summary>
    public string? Name { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // The alarm's arrivals hash holds it in a field name, and /health and the fallback message show it.
        if (Name is { Length: > 200 })
        {
            yield return new ValidationResult($"judge.heartbeat.name must be at most 200 characters, got {Name.Length}");
        }
    }
}
