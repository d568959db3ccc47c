using Falcon.Cli.Http;
using Falcon.Roles.Hbs.Upgrade;
using Falcon.Shared.Model.Agents;

namespace Falcon.Cli.Upgrade;

/// <summary>The `falcon upgrade` commands' calls to hbs's HTTP API; hbs wraps each answer in {"data": ...}.</summary>
internal static class UpgradeCalls
{
    private static UpgradeJsonContext Json => UpgradeJsonContext.Default;

    public static async Task<AgentUpgradeArgs?> PushAsync(this RoleApiClient client, UpgradeTaskRequest request, CancellationToken cancellationToken) =>
        (await client.PostAsync("agent/upgrade", RoleApiClient.Json(request, Json.UpgradeTaskRequest), Json.HbsDataResponseAgentUpgradeArgs, cancellationToken))?.Data;

    public static async Task<UpgradeStatus?> GetStatusAsync(this RoleApiClient client, CancellationToken cancellationToken) =>
        (await client.GetAsync("agent/upgrade/status", Json.HbsDataResponseUpgradeStatus, cancellationToken))?.Data;

    /// <summary>Stops the task; hbs's confirmation.</summary>
    public static async Task<string?> CancelAsync(this RoleApiClient client, CancellationToken cancellationToken) =>
        (await client.DeleteAsync("agent/upgrade", Json.HbsDataResponseString, cancellationToken))?.Data;

    /// <summary>Pauses the running task (agents upgrading finish); hbs's confirmation.</summary>
    public static async Task<string?> PauseAsync(this RoleApiClient client, string? by, CancellationToken cancellationToken) =>
        (await client.PostAsync(by is { Length: > 0 } ? "agent/upgrade/pause?by=" + Uri.EscapeDataString(by) : "agent/upgrade/pause", null, Json.HbsDataResponseString, cancellationToken))?.Data;

    /// <summary>Resumes a paused task; hbs's confirmation.</summary>
    public static async Task<string?> ResumeAsync(this RoleApiClient client, CancellationToken cancellationToken) =>
        (await client.PostAsync("agent/upgrade/resume", null, Json.HbsDataResponseString, cancellationToken))?.Data;
}
