namespace Falcon.Roles.Agent.Collectors;

/// <summary>Splits a line of a /proc file on runs of whitespace (spaces, tabs, a trailing newline) without allocating.</summary>
internal ref struct Words(ReadOnlySpan<char> line)
{
    private const string Separators = " \t\n\r";

    private ReadOnlySpan<char> _rest = line;

    public ReadOnlySpan<char> Current { get; private set; }

    public readonly Words GetEnumerator() => this;

    public bool MoveNext()
    {
        var rest = _rest.TrimStart(Separators);
        if (rest.IsEmpty)
        {
            _rest = rest;
            Current = default;
            return false;
        }

        int end = rest.IndexOfAny(Separators);
        if (end < 0)
        {
            end = rest.Length;
        }

        Current = rest[..end];
        _rest = rest[end..];
        return true;
    }

    /// <summary>The next word, or an empty span when the line has no more.</summary>
    public ReadOnlySpan<char> Next() => MoveNext() ? Current : default;
}
