// SPDX-License-Identifier: Apache-2.0
//
// Investment under legal unpredictability: how a yearly hazard of adverse legal change
// (expropriation, retroactive rules, forced exit) shortens the payback investors accept, and
// with it the volume and the maturity mix of the investment that is actually made.
// Equations, calibration and limits: docs/models/investment-under-legal-risk.md.
//
// Example:
//   double share = InvestmentShare(0.15, 6.0);        // share of the pipeline still financed
//   double longer = LongTermShare(0.15, 6.0, 5.0);    // of that, share with payback > 5 years
//   double h1 = CalibratedHazard(0.15, 6.0, 0.72, 1.0);  // hazard one s.d. less risky
//
// Every function is pure and thread-safe, and returns NaN for arguments outside its domain
// (stated per function), so that an expression using it is reported as non-finite.
#pragma once

namespace mend::economics {

/// Returns the longest payback period (years) an investor accepts under hazard `hazard` (per
/// year) of adverse legal change: the expected time to the change, 1 / h. Infinite when h = 0.
/// Domain: h >= 0.
double AcceptedPayback(double hazard);

/// Returns the share of an investment pipeline that is financed under hazard h. Projects'
/// payback periods T are spread exponentially with mean `mean_payback` (T̄, years); a project
/// is financed when T <= 1/h, so the share is F(1/h) = 1 - exp(-1 / (h T̄)).
/// Domain: h >= 0, T̄ > 0. Equals 1 at h = 0 and falls towards 1/(h T̄) for large h.
double InvestmentShare(double hazard, double mean_payback);

/// Returns the share of the financed investment that is long-term, i.e. has payback longer than
/// `long_payback` (T_L, years): [exp(-T_L/T̄) - exp(-T*/T̄)]⁺ / (1 - exp(-T*/T̄)), T* = 1/h.
/// The rest, 1 minus this, is short-term or speculative. Domain: h >= 0, T̄ > 0, T_L >= 0.
double LongTermShare(double hazard, double mean_payback, double long_payback);

/// Returns the realised investment volume: `potential` (what would be invested without legal
/// risk, any unit) times InvestmentShare(h, T̄). Domain: as InvestmentShare, potential finite.
double InvestmentVolume(double potential, double hazard, double mean_payback);

/// Returns the factor by which FDI inflows change when expropriation risk is `sd` standard
/// deviations lower (negative: higher), log-linear in the literature's estimate `gain_per_sd`:
/// (1 + g)^sd. Akhtaruzzaman, Berg & Hajzler (2017) find g ≈ 0.72. Domain: g > -1.
double FdiFactor(double gain_per_sd, double sd);

/// Returns the hazard h1 that is `sd` standard deviations of expropriation risk below `hazard`
/// (h0), calibrated so that this model reproduces the literature's FDI response:
/// InvestmentShare(h1, T̄) = InvestmentShare(h0, T̄) · (1 + g)^sd, solved by bisection on
/// log h. When the target share exceeds 0.999 (the whole pipeline) it is capped there.
/// Domain: h0 > 0, T̄ > 0, g > -1. Deterministic; about 200 evaluations.
double CalibratedHazard(double hazard, double mean_payback, double gain_per_sd, double sd);

}  // namespace mend::economics
