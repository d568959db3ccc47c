using Falcon.Cli.Http;
using Falcon.Roles.Alarm.Silences;
using SilenceRecord = Falcon.Shared.Silences.Silence;

namespace Falcon.Cli.Silence;

/// <summary>The `falcon silence` commands' calls to the alarm's silence API; the alarm wraps each answer in {"data": ...}.</summary>
internal static class SilenceCalls
{
    /// <summary>Sets (or replaces) a silence; the silence as the alarm stored it.</summary>
    public static async Task<SilenceRecord?> AddAsync(this RoleApiClient client, SilenceAddRequest request, CancellationToken cancellationToken) =>
        (await client.PostAsync(
            "api/silences",
            RoleApiClient.Json(request, SilenceApiJsonContext.Default.SilenceAddRequest),
            SilenceApiJsonContext.Default.SilenceDataResponseSilence,
            cancellationToken))?.Data;

    /// <summary>The silences in force, every recipient's or only <paramref name="user"/>'s.</summary>
    public static async Task<IReadOnlyList<SilenceRecord>> ListAsync(this RoleApiClient client, string? user, CancellationToken cancellationToken)
    {
        var path = string.IsNullOrEmpty(user) ? "api/silences" : $"api/silences?user={Uri.EscapeDataString(user)}";
        var reply = await client.GetAsync(path, SilenceApiJsonContext.Default.SilenceDataResponseIReadOnlyListSilence, cancellationToken);
        return reply?.Data ?? [];
    }

    public static async Task<string?> RemoveAsync(this RoleApiClient client, string id, CancellationToken cancellationToken) =>
        (await client.DeleteAsync($"api/silences/{Uri.EscapeDataString(id)}", SilenceApiJsonContext.Default.SilenceDataResponseString, cancellationToken))?.Data;
}
