using Mt.Learning;
using TorchSharp;
using static TorchSharp.torch;

namespace Mt.Learning.Tests;

[Collection(TorchTestCollection.Name)]
public sealed class TorchSettingsTests
{
    [Fact]
    public void ResolvesDevices()
    {
        Assert.Equal(DeviceType.CPU, TorchSettings.ResolveDevice("cpu").type);
        var expected = cuda.is_available() ? DeviceType.CUDA : DeviceType.CPU;
        Assert.Equal(expected, TorchSettings.ResolveDevice("AUTO").type);
        Assert.Throws<ArgumentException>(() => TorchSettings.ResolveDevice("tpu"));
    }

    [Fact]
    public void ThreadCountIsOne() => Assert.Equal(1, get_num_threads());
}
