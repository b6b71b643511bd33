# Writes libs/model/src/statistical/arima/fixtures/arima-golden.json: R's
# values for the pieces of AutoARIMA (urca's KPSS statistic, ndiffs, nsdiffs
# and the seasonal strength, stats' getQ0, the exact log-likelihood at fixed
# coefficients, CSS-ML and CSS fits with predictions). auto.arima itself is
# compared against tools/reference/forecast-golden.R's r-golden.json.
# Run from the repository root:  Rscript tools/reference/arima-golden.R
suppressMessages({ library(forecast); library(urca); library(jsonlite) })

series_dir <- file.path("tools", "reference", "series")
index <- read.csv(file.path(series_dir, "index.csv"))
read_series <- function(name) read.csv(file.path(series_dir, paste0(name, ".csv")))$y

air <- read_series("air_passengers")
q600 <- read_series("m3_quarterly_Q600")
intermittent <- read_series("intermittent")

kpss <- lapply(list(
  list(name = "air_passengers", x = air),
  list(name = "diff_air_passengers", x = diff(air)),
  list(name = "m3_yearly_Y1", x = read_series("m3_yearly_Y1")),
  list(name = "m3_quarterly_Q300", x = read_series("m3_quarterly_Q300")),
  # 300 points: forecast's lag trunc(3 sqrt(n) / 13) = 3 (a /12 would give 4).
  list(name = "m4_hourly_H1_300", x = head(read_series("m4_hourly_H1"), 300))
), function(s) {
  lag <- trunc(3 * sqrt(length(s$x)) / 13)
  list(name = s$name, x = s$x, lag = lag, stat = ur.kpss(s$x, type = "mu", use.lag = lag)@teststat[1])
})

differences <- lapply(seq_len(nrow(index)), function(i) {
  row <- index[i, ]
  x <- read_series(row$name)
  y <- ts(x, frequency = row$m)
  seasonal <- row$m > 1 && length(x) > 2 * row$m && !forecast:::is.constant(x)
  list(name = row$name, m = row$m, ndiffs = ndiffs(x),
       nsdiffs = if (row$m > 1) nsdiffs(y) else NULL,
       strength = if (seasonal) forecast:::seas.heuristic(y) else NULL)
})

q0 <- lapply(list(
  list(phi = c(0.5, -0.3), theta = c(0.4, 0.2, -0.1)),
  list(phi = c(0.9), theta = numeric()),
  list(phi = numeric(), theta = c(-0.5, 0.3)),
  list(phi = c(0.3, 0, 0, 0.4, -0.12), theta = c(0.2, 0, 0, -0.6, -0.12))
), function(s) c(s, list(Q0 = .Call(stats:::C_getQ0, s$phi, s$theta))))

fixed_fit <- function(name, x, order, seasonal, fixed, m = 12) {
  fit <- arima(ts(x, frequency = m), order = order, seasonal = seasonal, fixed = fixed, transform.pars = FALSE, include.mean = FALSE)
  list(name = name, x = x, m = m, order = order, seasonal = seasonal, fixed = fixed,
       loglik = fit$loglik, sigma2 = fit$sigma2)
}
loglik <- list(
  fixed_fit("log_air_111", log(air), c(1, 1, 1), c(0, 0, 0), c(0.2, -0.5)),
  fixed_fit("air_101_011", air, c(1, 0, 1), c(0, 1, 1), c(0.5, -0.2, -0.4)),
  fixed_fit("air_210_110", air, c(2, 1, 0), c(1, 1, 0), c(0.1, 0.2, -0.3))
)

fit_entry <- function(name, x, m, order, seasonal, method = "CSS-ML", drift = FALSE, mean = TRUE, h = 8) {
  y <- ts(x, frequency = m)
  xreg <- if (drift) cbind(drift = seq_along(x)) else NULL
  fit <- arima(y, order = order, seasonal = seasonal, xreg = xreg, include.mean = mean, method = method)
  newxreg <- if (drift) cbind(drift = length(x) + seq_len(h)) else NULL
  pr <- predict(fit, n.ahead = h, newxreg = newxreg)
  list(name = name, x = x, m = m, order = order, seasonal = seasonal, method = method,
       drift = drift, mean = mean, coef = unname(coef(fit)), loglik = fit$loglik,
       sigma2 = fit$sigma2, aic = if (is.na(fit$aic)) NULL else fit$aic,
       pred = as.numeric(pr$pred), se = as.numeric(pr$se))
}
fits <- list(
  fit_entry("log_air_011_011", log(air), 12, c(0, 1, 1), c(0, 1, 1), h = 12),
  fit_entry("air_210_010", air, 12, c(2, 1, 0), c(0, 1, 0), h = 12),
  fit_entry("q600_110_001_drift", q600, 4, c(1, 1, 0), c(0, 0, 1), drift = TRUE),
  fit_entry("intermittent_101_mean", intermittent, 1, c(1, 0, 1), c(0, 0, 0)),
  fit_entry("air_110_110_css", air, 12, c(1, 1, 0), c(1, 1, 0), method = "CSS", h = 12)
)

out <- list(generator = "tools/reference/arima-golden.R", r_version = R.version.string,
            forecast_version = as.character(packageVersion("forecast")),
            urca_version = as.character(packageVersion("urca")),
            kpss = kpss, differences = differences, q0 = q0, loglik = loglik, fits = fits)
dir <- file.path("libs", "model", "src", "statistical", "arima", "fixtures")
dir.create(dir, showWarnings = FALSE, recursive = TRUE)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE, null = "null"),
           file.path(dir, "arima-golden.json"))
