namespace Falcon.Roles.Console.Auth;

/// <summary>`POST /api/login` body, as open-falcon's api took it: `{"name","password"}`.</summary>
internal sealed class SignInRequest
{
    public string? Name { get; set; }

    public string? Password { get; set; }
}
