using System.Net.Http.Headers;
using System.Net;
using System.Text.Json.Serialization.Metadata;
using System.Text.Json;
using System.Text;
using Falcon.Roles.Hbs.Http;
using Falcon.Roles.Hbs.Upgrade;
using Falcon.Shared.Model.Agents;

namespace Falcon.Cli;

/// <summary>The `falcon upgrade` commands' calls to hbs's HTTP API; every failure becomes an <see cref="UpgradeClientException"/> an operator can act on.</summary>
internal sealed class UpgradeClient(UpgradeTarget target) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = target.Hbs, Timeout = target.Timeout };

    public Task<AgentUpgradeArgs?> PushAsync(UpgradeTaskRequest request, CancellationToken cancellationToken) =>
        SendAsync(
            HttpMethod.Post,
            "agent/upgrade",
            new StringContent(JsonSerializer.Serialize(request, UpgradeJsonContext.Default.UpgradeTaskRequest), Encoding.UTF8, "application/json"),
            UpgradeJsonContext.Default.HbsDataResponseAgentUpgradeArgs,
            cancellationToken);

    public Task<UpgradeStatus?> GetStatusAsync(CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, "agent/upgrade/status", null, UpgradeJsonContext.Default.HbsDataResponseUpgradeStatus, cancellationToken);

    public Task<string?> CancelAsync(CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, "agent/upgrade", null, UpgradeJsonContext.Default.HbsDataResponseString, cancellationToken);

    public Task<string?> ResumeAsync(CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "agent/upgrade/resume", null, UpgradeJsonContext.Default.HbsDataResponseString, cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task<T?> SendAsync<T>(HttpMethod method, string path, HttpContent? content, JsonTypeInfo<HbsDataResponse<T>> typeInfo, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (target.Token is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var (response, body) = await RoleHttpCall.SendAsync(
            _http, request, "hbs", target.Hbs, "is hbs running there? pass --hbs http://<host>:6031 otherwise", target.Timeout,
            static (message, e) => new UpgradeClientException(message, e), cancellationToken);
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new UpgradeClientException(Describe(response.StatusCode, body));
            }

            try
            {
                var reply = JsonSerializer.Deserialize(body, typeInfo);
                return reply is null ? default : reply.Data;
            }
            catch (JsonException e)
            {
                throw new UpgradeClientException($"hbs at {target.Hbs} answered something that is not an hbs reply (is that address hbs's HTTP port?): {Trim(body)}", e);
            }
        }
    }

    private string Describe(HttpStatusCode status, string body)
    {
        var message = Trim(body);
        try
        {
            if (JsonSerializer.Deserialize(body, UpgradeJsonContext.Default.HbsMessageResponse) is { Msg.Length: > 0 } reply)
            {
                message = reply.Msg;
            }
        }
        catch (JsonException)
        {
            // Not hbs's JSON (a proxy's page, say): the raw text is shown.
        }

        return status switch
        {
            HttpStatusCode.Forbidden => $"hbs refused: {message}. Run this on the hbs host (loopback is admitted), or pass --token / set host.adminToken to hbs's host.adminToken",
            HttpStatusCode.NotFound => $"hbs at {target.Hbs} has no upgrade API (404): is this Falcon's hbs HTTP port?",
            _ => $"hbs answered {(int)status}: {message}",
        };
    }

    private static string Trim(string body)
    {
        var text = body.ReplaceLineEndings(" ").Trim();
        return text.Length <= 300 ? text : text[..300] + "...";
    }
}
