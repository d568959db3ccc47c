namespace Falcon.Shared.Portal;

/// <summary>The three open-falcon databases Falcon uses, in the order their schemas are applied.</summary>
internal enum FalconDatabaseKind
{
    /// <summary><c>uic</c>: users, teams and sessions; first because <c>alarms</c> references <c>uic.user</c>.</summary>
    Uic,

    /// <summary><c>falcon_portal</c>: hosts, groups, templates, strategies, expressions, actions.</summary>
    Portal,

    /// <summary><c>alarms</c>: event cases, events and notes.</summary>
    Alarms,
}
