namespace Falcon.Roles.Alarm.Routing;

/// <summary>An action (falcon_portal.action) with the users of its teams (uic) and its IM group chats.</summary>
internal sealed record ActionRoute(
    long ActionId,
    string Url,
    bool Callback,
    bool BeforeCallbackSms,
    bool BeforeCallbackMail,
    bool AfterCallbackSms,
    bool AfterCallbackMail,
    IReadOnlyList<AlarmUser> Users,
    IReadOnlyList<string> Groups)
{
    /// <summary>Distinct non-empty phones of the users.</summary>
    public IReadOnlyList<string> Phones => Distinct(Users.Select(static u => u.Phone));

    /// <summary>Distinct non-empty e-mail addresses of the users.</summary>
    public IReadOnlyList<string> Emails => Distinct(Users.Select(static u => u.Email));

    /// <summary>Distinct non-empty IM ids of the users.</summary>
    public IReadOnlyList<string> Ims => Distinct(Users.Select(static u => u.Im));

    private static string[] Distinct(IEnumerable<string> values) =>
        [.. values.Where(static v => !string.IsNullOrWhiteSpace(v)).Distinct(StringComparer.Ordinal)];
}
