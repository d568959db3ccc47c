namespace Falcon.Roles.Console.Auth;

/// <summary>
/// Who is calling the console API: a signed-in uic user (<see cref="Sig"/> is their uic.session sig), or the admin
/// token (no uic user; <see cref="Sig"/> empty).
/// </summary>
internal sealed record ConsoleCaller(long UserId, string Name, bool IsAdmin, string Sig, DateTimeOffset Expires)
{
    public const string TokenName = "admin-token";

    public bool ViaToken => Sig.Length == 0;

    public static ConsoleCaller Token { get; } = new(0, TokenName, true, "", DateTimeOffset.MaxValue);
}
