namespace VideoRelay.Core.Queues;

/// <summary>What a consumer waits for; a struct implementation keeps waiting allocation-free.</summary>
public interface IWaitCondition
{
    bool IsReady { get; }
}
