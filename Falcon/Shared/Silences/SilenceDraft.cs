namespace Falcon.Shared.Silences;

/// <summary>A silence as asked for, before it is checked and stored.</summary>
internal sealed record SilenceDraft(string? User, string? Endpoint, string? Counter, TimeSpan Duration, string? Comment, string? CreatedBy)
{
    public const int MaxUserLength = 128;
    public const int MaxEndpointLength = 255;
    public const int MaxCommentLength = 1024;

    /// <summary>Null when the draft can be stored for at most <paramref name="maxDuration"/>; otherwise what is wrong, for a 400 or a CLI error.</summary>
    public string? Validate(TimeSpan maxDuration)
    {
        if (Text(User, "user", MaxUserLength) is { } userProblem)
        {
            return userProblem;
        }

        if (Text(Endpoint, "endpoint", MaxEndpointLength) is { } endpointProblem)
        {
            return endpointProblem;
        }

        if (SilenceCounter.TryParse(Counter, out var counterProblem) is null)
        {
            return counterProblem;
        }

        if (Duration <= TimeSpan.Zero)
        {
            return "the duration must be more than zero";
        }

        if (Duration > maxDuration)
        {
            return $"the duration {SilenceDuration.Format(Duration)} is longer than the longest allowed, {SilenceDuration.Format(maxDuration)} (alarm.silences.maxDuration)";
        }

        if (Comment is { Length: > MaxCommentLength })
        {
            return $"comment is longer than {MaxCommentLength} characters";
        }

        return null;
    }

    private static string? Text(string? value, string name, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return $"{name} is empty";
        }

        if (value.Length > maxLength)
        {
            return $"{name} is longer than {maxLength} characters";
        }

        return value.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))
            ? $"{name} '{value}' must not contain spaces or control characters"
            : null;
    }
}
