# Golden values for the intermittent-demand models (tsforecast MSTL/intermittent agent).
# Run from the repository root:  Rscript tools/reference/intermittent-golden.R
# Writes libs/model/src/statistical/intermittent/fixtures/intermittent-golden.json.
#
# CrostonClassic: forecast::croston (R's own implementation, alpha = 0.1).
# CrostonSBA, ADIDA, IMAPA, TSB: written here from their published definitions
# (StatsForecast's conventions: SES started at the first value, aggregation
# level = round-half-even of the mean inter-demand interval, buckets aligned to
# the end of the series, alpha optimised in [0.1, 0.3] on the in-sample SSE),
# with R's optimize() instead of a golden-section loop, so the test checks an
# independent computation.
suppressMessages(library(forecast))
library(jsonlite)

ses_level <- function(x, alpha) {
  level <- x[1]
  for (v in x) level <- alpha * v + (1 - alpha) * level
  level
}
ses_sse <- function(x, alpha) {
  if (length(x) < 2) return(0)
  level <- x[1]; sse <- 0
  for (t in 2:length(x)) { level <- alpha * x[t - 1] + (1 - alpha) * level; sse <- sse + (x[t] - level)^2 }
  sse
}
intervals <- function(y) diff(c(0, which(y != 0)))
agg_level <- function(y) max(1, round(mean(intervals(y))))  # R's round is half-to-even too
agg_sum_forecast <- function(y, k) {
  n <- length(y); lost <- n %% k; b <- (n - lost) %/% k
  if (b < 1) return(y[n])
  sums <- colSums(matrix(y[(lost + 1):n], nrow = k))
  if (b == 1) return(sums[1])
  alpha <- optimize(function(a) ses_sse(sums, a), c(0.1, 0.3), tol = 1e-10)$minimum
  ses_level(sums, alpha)
}
adida <- function(y) { if (all(y == 0)) return(0); k <- agg_level(y); agg_sum_forecast(y, k) / k }
imapa <- function(y) { if (all(y == 0)) return(0); K <- agg_level(y); mean(sapply(1:K, function(k) agg_sum_forecast(y, k) / k)) }
tsb <- function(y, ad, ap) { z <- y[y > 0]; if (!length(z)) return(0); ses_level(as.numeric(y != 0), ap) * ses_level(z, ad) }

set.seed(20261201)
n <- 60
demand <- rbinom(n, 1, 0.3) * rpois(n, 4)
demand[demand == 0 & seq_len(n) %% 17 == 0] <- 0
series <- list(
  intermittent = demand,
  leadingZeros = c(0, 0, 0, 5, 0, 0, 2, 0, 7, 0, 0, 0, 1, 3, 0, 0, 0, 0, 4, 0),
  sparse = c(0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0),
  dense = c(3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4)
)
out <- list(r = R.version.string, forecast = as.character(packageVersion("forecast")), series = list())
for (name in names(series)) {
  y <- series[[name]]
  out$series[[name]] <- list(
    y = y,
    crostonClassic = as.numeric(croston(y, h = 1)$mean[1]),
    crostonSba = 0.95 * as.numeric(croston(y, h = 1)$mean[1]),
    adida = adida(y),
    imapa = imapa(y),
    aggregationLevel = agg_level(y),
    tsb = tsb(y, 0.2, 0.05)
  )
}
dir.create("libs/model/src/statistical/intermittent/fixtures", showWarnings = FALSE)
write(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), "libs/model/src/statistical/intermittent/fixtures/intermittent-golden.json")
