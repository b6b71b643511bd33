# Writes libs/model/src/statistical/ets/fixtures/ets-admissible.json: R's
# admissibility decision (forecast 8.20, forecast:::admissible: easy bounds
# plus polyroot of the characteristic polynomial) for random seasonal
# parameter sets, used by ets-bounds.spec.ts.
# Run from the repository root: Rscript tools/reference/ets-golden.R
suppressMessages(library(forecast))
library(jsonlite)
set.seed(20261201)
cases <- list()
for (m in c(2L, 4L, 12L, 24L)) {
  for (k in 1:60) {
    alpha <- runif(1, 1e-4, 0.9999)
    beta <- if (runif(1) < 0.5) runif(1, 0, alpha) else 0
    gamma <- runif(1, 0, 1.2 - alpha)
    phi <- if (runif(1) < 0.5) runif(1, 0.8, 0.98) else 1
    ok <- forecast:::admissible(alpha, beta, gamma, phi, m)
    cases[[length(cases) + 1]] <- list(m = m, alpha = alpha, beta = beta, gamma = gamma, phi = phi, admissible = as.logical(ok))
  }
}
out <- list(generator = "tools/reference/ets-golden.R", forecast_version = as.character(packageVersion("forecast")), cases = cases)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = FALSE), "libs/model/src/statistical/ets/fixtures/ets-admissible.json")
