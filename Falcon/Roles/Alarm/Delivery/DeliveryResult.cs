namespace Falcon.Roles.Alarm.Delivery;

/// <summary>How one round of one message ended.</summary>
internal enum DeliveryResult
{
    Sent,

    /// <summary>Sent before (a retry or replay of a delivered message): not sent again.</summary>
    Duplicate,

    /// <summary>Every try failed: the message is in the failure queue for another round.</summary>
    Failed,

    /// <summary>Every try of the last round failed: the message is in the final-failure queue.</summary>
    FinalFailed,

    /// <summary>The channel has nothing configured to send through.</summary>
    Unconfigured,
}
