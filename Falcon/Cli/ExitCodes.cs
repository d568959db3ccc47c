namespace Falcon.Cli;

/// <summary>Process exit codes shared by every command.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The work failed or the configuration is invalid.</summary>
    public const int Failed = 1;

    /// <summary>The command line itself is wrong (for example an unknown role).</summary>
    public const int Usage = 2;
}
