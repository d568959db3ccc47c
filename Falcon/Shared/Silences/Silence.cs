namespace Falcon.Shared.Silences;

/// <summary>One silence: alarms of <see cref="Counter"/> on <see cref="Endpoint"/> are not sent to <see cref="User"/> until <see cref="Until"/>.</summary>
/// <param name="Id">16 hex digits derived from user, endpoint and counter, so silencing the same thing again replaces the silence.</param>
/// <param name="User">The recipient silenced (a user name or an IM group id); other recipients still get the alarm.</param>
/// <param name="Endpoint">The endpoint, or <see cref="SilenceCounter.AnyEndpoint"/> for every endpoint.</param>
/// <param name="Counter">open-falcon's counter in canonical form: `metric`, or `metric/k=v,...` to silence only series with those tags.</param>
/// <param name="Until">When the silence ends.</param>
/// <param name="Comment">Why (free text, may be empty).</param>
/// <param name="CreatedBy">Who set it: the CLI user, the API caller's name, or the recipient of an alarm link.</param>
/// <param name="CreatedAt">When it was set.</param>
internal sealed record Silence(
    string Id,
    string User,
    string Endpoint,
    string Counter,
    DateTimeOffset Until,
    string Comment,
    string CreatedBy,
    DateTimeOffset CreatedAt)
{
    /// <summary>True while the silence holds at <paramref name="now"/>.</summary>
    public bool IsActive(DateTimeOffset now) => Until > now;
}
