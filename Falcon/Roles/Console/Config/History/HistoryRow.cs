using System.Text.Json;

namespace Falcon.Roles.Console.Config.History;

/// <summary>
/// An audit row of either database as the history page shows it; <see cref="Old"/> and <see cref="New"/> are the
/// object's JSON (null when it did not exist), so the page can diff them.
/// </summary>
internal sealed class HistoryRow
{
    public long Id { get; init; }

    /// <summary>"portal" (falcon_portal.falcon_audit) or "uic" (uic.falcon_audit).</summary>
    public string Database { get; init; } = "";

    public DateTimeOffset At { get; init; }

    public string Actor { get; init; } = "";

    public string Action { get; init; } = "";

    public string Kind { get; init; } = "";

    public string Object { get; init; } = "";

    public JsonElement? Old { get; init; }

    public JsonElement? New { get; init; }

    public string Summary { get; init; } = "";
}
