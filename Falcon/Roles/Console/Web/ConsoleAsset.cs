namespace Falcon.Roles.Console.Web;

/// <summary>One embedded file of the front end; <see cref="Immutable"/> for Vite's content-hashed /assets/ files.</summary>
internal sealed record ConsoleAsset(byte[] Content, string ContentType, bool Immutable);
