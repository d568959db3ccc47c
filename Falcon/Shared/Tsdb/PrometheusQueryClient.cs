using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Falcon.Shared.Tsdb;

/// <summary>A small client for the Prometheus HTTP API at `tsdb.queryUrl` (VictoriaMetrics, Prometheus, Mimir), each call within `tsdb.timeout`.</summary>
/// <remarks>Falcon metric names contain dots, so select them as `{__name__="cpu.idle",endpoint="h1"}`, never bare.</remarks>
internal sealed partial class PrometheusQueryClient
{
    private readonly HttpClient _http;
    private readonly Uri _baseUrl;
    private readonly TimeSpan _timeout;

    public PrometheusQueryClient(HttpClient http, IOptions<TsdbOptions> options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        var baseUrl = options.Value.QueryUrl;
        _baseUrl = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/", UriKind.Absolute);
        _timeout = options.Value.Timeout;
    }

    /// <summary>A client for another Prometheus HTTP API at <paramref name="baseUrl"/> (one per datacenter), each call within <paramref name="timeout"/>.</summary>
    public PrometheusQueryClient(HttpClient http, string baseUrl, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentException.ThrowIfNullOrEmpty(baseUrl);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        _http = http;
        _baseUrl = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/", UriKind.Absolute);
        _timeout = timeout;
    }

    /// <summary>The base URL this client queries.</summary>
    public Uri BaseUrl => _baseUrl;

    /// <summary>
    /// Any Prometheus HTTP API call (<paramref name="path"/> such as `api/v1/series`), its parameters sent as a form
    /// (POST) or in the query string (GET); returns the answer's `data` untouched with its `warnings`, for a caller
    /// that passes results on rather than reading them.
    /// </summary>
    public async Task<PromRawAnswer> SendRawAsync(
        HttpMethod method, string path, IReadOnlyList<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(parameters);
        HttpRequestMessage request;
        if (method == HttpMethod.Get)
        {
            var query = parameters.Count == 0 ? "" : "?" + string.Join('&', parameters.Select(static p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
            request = new HttpRequestMessage(HttpMethod.Get, new Uri(_baseUrl, path + query));
        }
        else
        {
            request = new HttpRequestMessage(HttpMethod.Post, new Uri(_baseUrl, path)) { Content = new FormUrlEncodedContent(parameters) };
        }

        using (request)
        {
            var envelope = await SendEnvelopeAsync(request, cancellationToken).ConfigureAwait(false);
            return new PromRawAnswer(envelope.Data, envelope.Warnings ?? []);
        }
    }

    /// <summary>Reads the `data` of a query or query_range answer (as <see cref="SendRawAsync"/> returns it).</summary>
    public static PromQueryResult ReadQueryData(JsonElement data) => ParseQueryData(data);

    /// <summary>An instant query (`/api/v1/query`) at <paramref name="time"/>, or at the server's now.</summary>
    public async Task<PromQueryResult> QueryAsync(string query, DateTimeOffset? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(query);
        var form = new List<KeyValuePair<string, string>> { new("query", query) };
        AddTime(form, "time", time);
        return ParseQueryData(await PostAsync("api/v1/query", form, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>A range query (`/api/v1/query_range`) from <paramref name="start"/> to <paramref name="end"/> every <paramref name="step"/>.</summary>
    public async Task<PromQueryResult> QueryRangeAsync(
        string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(query);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(step, TimeSpan.Zero);
        var form = new List<KeyValuePair<string, string>>
        {
            new("query", query),
            new("start", Seconds(start)),
            new("end", Seconds(end)),
            new("step", step.TotalSeconds.ToString("R", CultureInfo.InvariantCulture)),
        };
        return ParseQueryData(await PostAsync("api/v1/query_range", form, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The label sets of the series matching any of <paramref name="matchers"/> (`/api/v1/series`).</summary>
    public async Task<IReadOnlyList<IReadOnlyDictionary<string, string>>> SeriesAsync(
        IEnumerable<string> matchers, DateTimeOffset? start = null, DateTimeOffset? end = null, CancellationToken cancellationToken = default)
    {
        var form = Matchers(matchers, required: true);
        AddTime(form, "start", start);
        AddTime(form, "end", end);
        var data = await PostAsync("api/v1/series", form, cancellationToken).ConfigureAwait(false);
        var result = new List<IReadOnlyDictionary<string, string>>(data.ValueKind == JsonValueKind.Array ? data.GetArrayLength() : 0);
        foreach (var series in Array(data))
        {
            result.Add(ParseLabels(series));
        }

        return result;
    }

    /// <summary>The label names in use (`/api/v1/labels`), optionally only on series matching <paramref name="matchers"/>.</summary>
    public async Task<IReadOnlyList<string>> LabelsAsync(
        IEnumerable<string>? matchers = null, DateTimeOffset? start = null, DateTimeOffset? end = null, CancellationToken cancellationToken = default)
    {
        var form = Matchers(matchers, required: false);
        AddTime(form, "start", start);
        AddTime(form, "end", end);
        return Strings(await PostAsync("api/v1/labels", form, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The values of label <paramref name="name"/> (`/api/v1/label/&lt;name&gt;/values`), optionally on matching series only.</summary>
    public async Task<IReadOnlyList<string>> LabelValuesAsync(
        string name, IEnumerable<string>? matchers = null, DateTimeOffset? start = null, DateTimeOffset? end = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var form = Matchers(matchers, required: false);
        AddTime(form, "start", start);
        AddTime(form, "end", end);

        // Prometheus serves label values on GET only.
        var query = form.Count == 0 ? "" : "?" + string.Join('&', form.Select(static p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_baseUrl, "api/v1/label/" + Uri.EscapeDataString(name) + "/values" + query));
        return Strings(await SendAsync(request, cancellationToken).ConfigureAwait(false));
    }

    private static List<KeyValuePair<string, string>> Matchers(IEnumerable<string>? matchers, bool required)
    {
        var form = new List<KeyValuePair<string, string>>();
        foreach (var matcher in matchers ?? [])
        {
            form.Add(new("match[]", matcher));
        }

        if (required && form.Count == 0)
        {
            throw new ArgumentException("at least one series selector is required", nameof(matchers));
        }

        return form;
    }

    private static void AddTime(List<KeyValuePair<string, string>> form, string name, DateTimeOffset? time)
    {
        if (time is { } value)
        {
            form.Add(new(name, Seconds(value)));
        }
    }

    private static string Seconds(DateTimeOffset time) =>
        (time.ToUnixTimeMilliseconds() / 1000.0).ToString("R", CultureInfo.InvariantCulture);

    private async Task<JsonElement> PostAsync(string path, List<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        // POST with a form body, so long selectors never hit a URL length limit.
        using var content = new FormUrlEncodedContent(form);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_baseUrl, path)) { Content = content };
        return await SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<JsonElement> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        (await SendEnvelopeAsync(request, cancellationToken).ConfigureAwait(false)).Data;

    private async Task<PromApiResponse> SendEnvelopeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            PromApiResponse? envelope = null;
            try
            {
                envelope = JsonSerializer.Deserialize(body, TsdbJsonContext.Default.PromApiResponse);
            }
            catch (JsonException)
            {
                // Not the API's JSON (a proxy's error page, a wrong URL): reported below with the body text.
            }

            if (envelope is { Status: "success" })
            {
                return envelope;
            }

            var message = envelope is { Status: "error" }
                ? envelope.Error ?? "(no error text)"
                : $"HTTP {(int)response.StatusCode} from {request.RequestUri}: {Truncate(body)}";
            throw new PrometheusQueryException(message, envelope?.ErrorType, response.StatusCode);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no answer from {request.RequestUri} within {_timeout}", e);
        }
    }

    private static string Truncate(string text) => text.Length > 512 ? text[..512] : text.TrimEnd();
}
