using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Falcon.Roles.Aggregator;

namespace Falcon.Cli.Aggregate;

/// <summary>The aggregator's HTTP API as the CLI uses it: `GET /aggregates` and `GET /aggregates/preview`.</summary>
internal sealed class AggregateClient(Uri address, TimeSpan timeout) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = address, Timeout = timeout };

    /// <summary>The raw JSON body of <paramref name="path"/> and the same parsed as <typeparamref name="T"/>.</summary>
    public async Task<(string Body, T Reply)> GetAsync<T>(string path, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        var (response, body) = await RoleHttpCall.SendAsync(
            _http, request, "the aggregator", address, "is the aggregator role running there? pass --url http://<host>:6055 otherwise", timeout,
            static (message, e) => new AggregateClientException(message, e), cancellationToken);
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var message = body.Trim();
                try
                {
                    message = JsonSerializer.Deserialize(body, AggregatorJsonContext.Default.ApiError)?.Error ?? message;
                }
                catch (JsonException)
                {
                    // Not the aggregator's JSON: the raw text is shown.
                }

                throw new AggregateClientException($"HTTP {(int)response.StatusCode}: {message}");
            }

            try
            {
                return (body, JsonSerializer.Deserialize(body, typeInfo) ?? throw new JsonException("empty reply"));
            }
            catch (JsonException e)
            {
                throw new AggregateClientException($"{address} answered something that is not the aggregator's API (is that the aggregator's HTTP port?): {e.Message}", e);
            }
        }
    }

    public void Dispose() => _http.Dispose();
}
