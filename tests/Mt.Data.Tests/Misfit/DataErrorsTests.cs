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

    [Fact]
    public void Rms_of_one_error_everywhere_is_one_and_phases_wrap()
    {
        var e = new DataErrors(0.1, 2);
        var obsRho = new double[2, 3, 4];
        var obsPhase = new double[2, 3, 4];
        var rho = new double[2, 3, 4];
        var phase = new double[2, 3, 4];
        for (int m = 0; m < 2; m++)
            for (int f = 0; f < 3; f++)
                for (int s = 0; s < 4; s++)
                {
                    obsRho[m, f, s] = s;
                    rho[m, f, s] = s + ((m + f + s) % 2 == 0 ? 0.1 : -0.1);
                    obsPhase[m, f, s] = 179;
                    phase[m, f, s] = -179; // 2 degrees away across the wrap
                }
        Assert.Equal(1.0, e.Rms(rho, phase, obsRho, obsPhase), 12);
        Assert.Equal(0.0, e.Rms(obsRho, obsPhase, obsRho, obsPhase));
    }
}
