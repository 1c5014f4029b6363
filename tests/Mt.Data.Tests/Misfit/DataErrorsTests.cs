using Mt.Data.Misfit;

namespace Mt.Data.Tests.Misfit;

public class DataErrorsTests
{
    [Fact]
    public void Floors_bound_the_errors_of_noisy_data_from_below()
    {
        var clean = DataErrors.From(0.05, 1.43);
        Assert.Equal(0.05 / Math.Log(10), clean.Log10RhoApp, 15);
        Assert.Equal(1.43, clean.PhaseDeg);
        var noisy = DataErrors.From(0.05, 1.43, 0.05);
        Assert.Equal(0.10 / Math.Log(10), noisy.Log10RhoApp, 15);
        Assert.Equal(0.05 * 180 / Math.PI, noisy.PhaseDeg, 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => DataErrors.From(0, 0));
    }
}
