using System.Text;
using Falcon.Shared.Hashing;

namespace Falcon.Tests.Shared.Hashing;

public sealed class Murmur3Tests
{
    // Published MurmurHash3_x86_32 vectors, also cross-checked against an independent implementation.
    [TestCase("", 0u, 0x00000000u)]
    [TestCase("", 1u, 0x514e28b7u)]
    [TestCase("a", 0u, 0x3c2569b2u)]
    [TestCase("abc", 0u, 0xb3dd93fau)]
    [TestCase("abcd", 0u, 0x43ed676au)]
    [TestCase("hello", 0u, 0x248bfa47u)]
    [TestCase("The quick brown fox jumps over the lazy dog", 0u, 0x2e4ff723u)]
    [TestCase("0judge-00", 0u, 0x26c05bf9u)]
    [TestCase("0judge-01", 0u, 0x7304512cu)]
    public void Hash32_OfPublishedInput_ReturnsPublishedHash(string input, uint seed, uint expected) =>
        Assert.That(Murmur3.Hash32(Encoding.UTF8.GetBytes(input), seed), Is.EqualTo(expected));

    [Test]
    public void Hash32_OfEmptySpanWithSeedZero_ReturnsZero() =>
        Assert.That(Murmur3.Hash32([]), Is.Zero);
}
