namespace Falcon.Roles.Hbs;

/// <summary>Where hbs stands with its JSON-RPC port and its first configuration (for /health and operators).</summary>
internal enum HbsListenState
{
    /// <summary>Waiting for the first configuration; the port is not open yet.</summary>
    Waiting,

    /// <summary>The configuration loaded (before or after the port opened); calls are answered from it.</summary>
    ConfigurationLoaded,

    /// <summary>`hbs.listenWait` ran out first: the port is open, calls that need configuration are refused.</summary>
    ListeningWithoutConfiguration,
}
