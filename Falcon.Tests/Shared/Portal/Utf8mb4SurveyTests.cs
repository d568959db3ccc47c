using Falcon.Shared.Portal;

namespace Falcon.Tests.Shared.Portal;

public sealed class Utf8mb4SurveyTests
{
    private static readonly HashSet<string> Collations = ["utf8mb4_general_ci", "utf8mb4_unicode_ci", "utf8mb4_bin"];

    [TestCase("utf8_general_ci", "utf8mb4_general_ci")]
    [TestCase("utf8mb3_unicode_ci", "utf8mb4_unicode_ci")]
    [TestCase("utf8_bin", "utf8mb4_bin")]
    [TestCase("utf8_swedish_ci", "utf8mb4_unicode_ci")]
    [TestCase("latin1_swedish_ci", "utf8mb4_unicode_ci")]
    [TestCase("utf8mb4_bin", "utf8mb4_bin")]
    public void Target_KeepsTheCollationsFlavour_WhereTheServerHasIt(string from, string expected) =>
        Assert.That(Utf8mb4Survey.Target(from, Collations), Is.EqualTo(expected));
}
