using Falcon.Cli.Http;
using Falcon.Roles.Alarm.Silences;
using SilenceRecord = Falcon.Shared.Silences.Silence;

namespace Falcon.Cli.Silence;

/// <summary>The `falcon silence` commands' calls to the alarm's silence API (replies: {"data": ...}).</summary>
internal static class SilenceCalls
{
    public static async Task<SilenceRecord?> AddAsync(this RoleApiClient client, SilenceAddRequest request, CancellationToken cancellationToken) =>
        (await client.SendAsync(
            HttpMethod.Post,
            "api/silences",
            RoleApiClient.Json(request, SilenceApiJsonContext.Default.SilenceAddRequest),
            SilenceApiJsonContext.Default.SilenceDataResponseSilence,
            cancellationToken)).Reply?.Data;

    public static async Task<IReadOnlyList<SilenceRecord>> ListAsync(this RoleApiClient client, string? user, CancellationToken cancellationToken) =>
        (await client.SendAsync(
            HttpMethod.Get,
            string.IsNullOrEmpty(user) ? "api/silences" : $"api/silences?user={Uri.EscapeDataString(user)}",
            null,
            SilenceApiJsonContext.Default.SilenceDataResponseIReadOnlyListSilence,
            cancellationToken)).Reply?.Data ?? [];

    public static async Task<string?> RemoveAsync(this RoleApiClient client, string id, CancellationToken cancellationToken) =>
        (await client.SendAsync(HttpMethod.Delete, $"api/silences/{Uri.EscapeDataString(id)}", null, SilenceApiJsonContext.Default.SilenceDataResponseString, cancellationToken)).Reply?.Data;
}
