using System.Globalization;
using System.Text;

namespace Falcon.Shared.Model.Events;

/// <summary>The Redis lists judge pushes events to and alarm pops them from: <c>fmt.Sprintf(queuePattern, priority)</c>.</summary>
internal static class EventQueues
{
    /// <summary>open-falcon's default <c>alarm.queuePattern</c>, giving <c>event:p0</c> … <c>event:p6</c>.</summary>
    public const string DefaultPattern = "event:p%v";

    /// <summary>The list for <paramref name="priority"/>: the pattern's single <c>%v</c> (or <c>%d</c>) replaced by the decimal, <c>%%</c> by <c>%</c>.</summary>
    /// <exception cref="FormatException">The pattern has no verb, more than one, or one other than %v and %d.</exception>
    public static string QueueKey(string pattern, int priority)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        // Go would render a missing or extra verb as "%!(EXTRA int=3)" or "%!v(MISSING)"; no one means that, so it is refused.
        var key = new StringBuilder(pattern.Length + 4);
        bool replaced = false;
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c != '%')
            {
                key.Append(c);
                continue;
            }

            char verb = i + 1 < pattern.Length ? pattern[++i] : '\0';
            if (verb == '%')
            {
                key.Append('%');
            }
            else if ((verb == 'v' || verb == 'd') && !replaced)
            {
                key.Append(priority.ToString(CultureInfo.InvariantCulture));
                replaced = true;
            }
            else
            {
                throw new FormatException($"The event queue pattern '{pattern}' must hold exactly one %v for the priority.");
            }
        }

        return replaced
            ? key.ToString()
            : throw new FormatException($"The event queue pattern '{pattern}' must hold exactly one %v for the priority.");
    }

    /// <summary>Whether <paramref name="pattern"/> is one <see cref="QueueKey"/> accepts, for validating configuration at start-up.</summary>
    public static bool IsValidPattern(string? pattern)
    {
        if (pattern is null)
        {
            return false;
        }

        try
        {
            _ = QueueKey(pattern, 0);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
