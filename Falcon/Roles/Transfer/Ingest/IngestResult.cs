namespace Falcon.Roles.Transfer.Ingest;

/// <summary>What one push did: open-falcon's Total and Invalid, or why the whole batch was refused.</summary>
internal readonly record struct IngestResult(int Total, int Invalid, string? Rejection)
{
    public bool IsRejected => Rejection is not null;
}
