using Falcon.Cli.Http;
using Falcon.Roles.Hbs.Upgrade;
using Falcon.Shared.Model.Agents;

namespace Falcon.Cli.Upgrade;

/// <summary>The `falcon upgrade` commands' calls to hbs's HTTP API (open-falcon style replies: {"data": ...}).</summary>
internal static class UpgradeCalls
{
    public static async Task<AgentUpgradeArgs?> PushAsync(this RoleApiClient client, UpgradeTaskRequest request, CancellationToken cancellationToken) =>
        (await client.SendAsync(
            HttpMethod.Post,
            "agent/upgrade",
            RoleApiClient.Json(request, UpgradeJsonContext.Default.UpgradeTaskRequest),
            UpgradeJsonContext.Default.HbsDataResponseAgentUpgradeArgs,
            cancellationToken)).Reply?.Data;

    public static async Task<UpgradeStatus?> GetStatusAsync(this RoleApiClient client, CancellationToken cancellationToken) =>
        (await client.SendAsync(HttpMethod.Get, "agent/upgrade/status", null, UpgradeJsonContext.Default.HbsDataResponseUpgradeStatus, cancellationToken)).Reply?.Data;

    public static async Task<string?> CancelAsync(this RoleApiClient client, CancellationToken cancellationToken) =>
        (await client.SendAsync(HttpMethod.Delete, "agent/upgrade", null, UpgradeJsonContext.Default.HbsDataResponseString, cancellationToken)).Reply?.Data;

    public static async Task<string?> ResumeAsync(this RoleApiClient client, CancellationToken cancellationToken) =>
        (await client.SendAsync(HttpMethod.Post, "agent/upgrade/resume", null, UpgradeJsonContext.Default.HbsDataResponseString, cancellationToken)).Reply?.Data;
}
