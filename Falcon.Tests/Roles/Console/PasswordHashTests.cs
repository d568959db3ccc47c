using Falcon.Roles.Console.Auth;

namespace Falcon.Tests.Roles.Console;

/// <summary>
/// open-falcon's api stores uic.user.passwd as the hex MD5 of its `salt` setting followed by the password. The expected
/// values here are not computed by the code under test: they are the published MD5 test vectors (RFC 1321), split
/// into a salt and a password.
/// </summary>
public sealed class PasswordHashTests
{
    [TestCase("a", "bc", "900150983cd24fb0d6963f7d28e17f72")] // md5("abc")
    [TestCase("message ", "digest", "f96b697d7cb7938d525a2f31aaf161d0")] // md5("message digest")
    [TestCase("", "a", "0cc175b9c0f1b6a831c399e269772661")] // md5("a"), no salt configured
    [TestCase("abcdefghijklm", "nopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b")] // md5("abcdefghijklmnopqrstuvwxyz")
    public void Hash_IsTheHexMd5OfSaltThenPassword(string salt, string password, string expected)
    {
        Assert.Multiple(() =>
        {
            Assert.That(PasswordHash.Hash(salt, password), Is.EqualTo(expected));
            Assert.That(PasswordHash.Matches(salt, password, expected), Is.True);
        });
    }

    [Test]
    public void Matches_AcceptsAnUppercaseOrPaddedStoredHash_AsOldDatabasesHold()
    {
        Assert.Multiple(() =>
        {
            Assert.That(PasswordHash.Matches("a", "bc", "900150983CD24FB0D6963F7D28E17F72"), Is.True);
            Assert.That(PasswordHash.Matches("a", "bc", " 900150983cd24fb0d6963f7d28e17f72 "), Is.True);
        });
    }

    [TestCase("a", "bd", "900150983cd24fb0d6963f7d28e17f72", TestName = "a wrong password")]
    [TestCase("b", "bc", "900150983cd24fb0d6963f7d28e17f72", TestName = "another salt")]
    [TestCase("a", "bc", "", TestName = "a user without a password")]
    [TestCase("a", "bc", null, TestName = "a NULL password column")]
    [TestCase("a", "bc", "900150983cd24fb0", TestName = "a truncated hash")]
    public void Matches_RefusesWhatIsNotTheStoredHash(string salt, string password, string? stored) =>
        Assert.That(PasswordHash.Matches(salt, password, stored), Is.False);
}
