using Falcon.Roles.Transfer;

namespace Falcon.Tests.Roles.Transfer;

public sealed class TransferOptionsTests
{
    [Test]
    public void Defaults_AreValid_AndAsOpenFalcon()
    {
        var options = new TransferOptions();

        Assert.Multiple(() =>
        {
            Assert.That(new TransferOptionsValidator().Validate(null, options).Succeeded, Is.True);
            Assert.That(options.RpcListen, Is.EqualTo("0.0.0.0:8433"));
            Assert.That(options.HttpListen, Is.EqualTo("0.0.0.0:6060"));
            Assert.That(options.MinStep, Is.EqualTo(30));
        });
    }

    [Test]
    public void Validate_NamesTheKeyOfEachBadValue()
    {
        var options = new TransferOptions { Senders = 0, QueueCapacity = -1, BatchDelay = TimeSpan.Zero, RpcListen = "nowhere" };

        var result = new TransferOptionsValidator().Validate(null, options);

        Assert.That(result.FailureMessage, Does.Contain("transfer.senders").And.Contain("transfer.queueCapacity").And.Contain("transfer.batchDelay").And.Contain("transfer.rpcListen"));
    }
}
