namespace Falcon.Cli;

/// <summary>One HTTP call from a CLI command to a role's API, with the two failures a person can act on put in words.</summary>
internal static class RoleHttpCall
{
    /// <summary>Sends the request and reads the body; an unreachable role or a timeout becomes the command's own exception.</summary>
    /// <remarks>
    /// `who` names the role in the message ("hbs", "the alarm"), `unreachableHint` says what to check or pass when it
    /// cannot be reached, `timeout` is the client's, and `fail` makes the command's exception from a message.
    /// </remarks>
    public static async Task<(HttpResponseMessage Response, string Body)> SendAsync(
        HttpClient http,
        HttpRequestMessage request,
        string who,
        Uri address,
        string unreachableHint,
        TimeSpan timeout,
        Func<string, Exception, Exception> fail,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(fail);
        try
        {
            var response = await http.SendAsync(request, cancellationToken);
            return (response, await response.Content.ReadAsStringAsync(cancellationToken));
        }
        catch (HttpRequestException e)
        {
            throw fail($"cannot reach {who} at {address}: {e.Message} ({unreachableHint})", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw fail($"{who} at {address} did not answer within {timeout.TotalSeconds:0.#} s (--timeout)", e);
        }
    }
}
