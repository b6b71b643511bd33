# R reference fixtures for the statistical models: fits R's forecast package
# (ets, auto.arima, thetaf, croston, mstl/stlf) with default arguments on the
# fixed series of tools/reference/series/index.csv and writes
# libs/model/src/statistical/golden/r-golden.json.
# Run from the repository root:  Rscript tools/reference/forecast-golden.R
# Needs R >= 4.2 with forecast (8.20 used for the committed file) and jsonlite.
# Every call is wrapped: an R error is recorded as {"error": "<message>"} so the
# edge cases (constant, 3 points) document what R does instead of aborting.

suppressPackageStartupMessages({
  library(forecast)
  library(jsonlite)
})

series_dir <- file.path("tools", "reference", "series")
out_file <- file.path("libs", "model", "src", "statistical", "golden", "r-golden.json")
levels <- c(80, 95)

# Numbers as JSON arrays; NA and +-Inf become null (JSON has no Inf).
vec <- function(x) {
  x <- as.numeric(x)
  x[!is.finite(x)] <- NA
  I(x)
}
num <- function(x) if (is.null(x) || length(x) == 0 || !is.finite(x)) NA else as.numeric(x)
named <- function(x) if (length(x) == 0) setNames(list(), character(0)) else as.list(sapply(x, num))

intervals <- function(fc) list(
  mean = vec(fc$mean),
  lo80 = vec(fc$lower[, 1]), hi80 = vec(fc$upper[, 1]),
  lo95 = vec(fc$lower[, 2]), hi95 = vec(fc$upper[, 2])
)

guarded <- function(expr) tryCatch(expr, error = function(e) list(error = conditionMessage(e)))

ets_entry <- function(y, h) guarded({
  fit <- ets(y)
  par <- fit$par
  pick <- function(k) if (k %in% names(par)) num(par[[k]]) else NA
  c(list(
    method = fit$method,
    components = list(error = fit$components[[1]], trend = fit$components[[2]],
                      season = fit$components[[3]], damped = as.logical(fit$components[[4]])),
    alpha = pick("alpha"), beta = pick("beta"), gamma = pick("gamma"), phi = pick("phi"),
    par = named(par),
    initstate = named(fit$initstate),
    loglik = num(fit$loglik), aic = num(fit$aic), aicc = num(fit$aicc), bic = num(fit$bic),
    sigma2 = num(fit$sigma2), mse = num(fit$mse)
  ), intervals(forecast(fit, h = h, level = levels)))
})

arima_entry <- function(y, h) guarded({
  fit <- auto.arima(y)
  order <- arimaorder(fit)
  c(list(
    method = forecast:::arima.string(fit, padding = FALSE),
    order = as.list(order),
    include_mean = "intercept" %in% names(coef(fit)),
    include_drift = "drift" %in% names(coef(fit)),
    coef = named(coef(fit)),
    sigma2 = num(fit$sigma2), loglik = num(fit$loglik),
    aic = num(fit$aic), aicc = num(fit$aicc), bic = num(fit$bic)
  ), intervals(forecast(fit, h = h, level = levels)))
})

theta_entry <- function(y, h) guarded({
  fc <- thetaf(y, h = h, level = levels)
  c(list(alpha = num(fc$model$alpha), drift = num(fc$model$drift),
         sigma = num(fc$model$sigma)), intervals(fc))
})

croston_entry <- function(y, h) guarded({
  fc <- croston(y, h = h)
  list(mean = vec(fc$mean), alpha = 0.1)
})

# Multiple seasonality: mstl on msts(y, c(m, 7m)) when the series has two
# full weekly cycles, else on ts(y, m); forecast() with its default method
# (ETS on the seasonally adjusted series) and stlf with its defaults.
mstl_entry <- function(y, m, h) guarded({
  periods <- if (length(y) > 2 * 7 * m) c(m, 7 * m) else m
  x <- msts(as.numeric(y), seasonal.periods = periods)
  dec <- mstl(x)
  components <- lapply(colnames(dec), function(k) vec(dec[, k]))
  names(components) <- colnames(dec)
  c(list(seasonal_periods = I(periods), components = components),
    list(forecast = intervals(forecast(dec, h = h, level = levels))),
    list(stlf = intervals(stlf(x, h = h, level = levels))))
})

index <- read.csv(file.path(series_dir, "index.csv"), stringsAsFactors = FALSE)
series <- list()
for (i in seq_len(nrow(index))) {
  row <- index[i, ]
  data <- read.csv(file.path(series_dir, row$file))
  y <- ts(as.numeric(data$y), frequency = row$m)
  started <- Sys.time()
  entry <- list(
    name = row$name, source = row$source, m = row$m, h = row$h, y = vec(y),
    ets = ets_entry(y, row$h),
    auto_arima = arima_entry(y, row$h),
    thetaf = theta_entry(y, row$h),
    croston = croston_entry(y, row$h)
  )
  if (row$m >= 12 && length(y) > 2 * row$m) entry$mstl <- mstl_entry(y, row$m, row$h)
  series[[row$name]] <- entry
  cat(sprintf("%-22s %6.1f s\n", row$name, as.numeric(Sys.time() - started, units = "secs")))
}

golden <- list(
  generator = "tools/reference/forecast-golden.R",
  r_version = R.version.string,
  forecast_version = as.character(packageVersion("forecast")),
  levels = I(levels),
  series = series
)
writeLines(toJSON(golden, auto_unbox = TRUE, digits = NA, na = "null", pretty = 1), out_file)
cat(sprintf("wrote %s\n", out_file))
