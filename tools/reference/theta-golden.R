# R reference values for AutoTheta's seasonal adjustment and R's thetaf:
# for a few series of tools/reference/series, the autocorrelations up to lag
# m, thetaf's seasonality decision, decompose()'s multiplicative and additive
# seasonal figures, and thetaf's forecast with the ses() parameters it used.
# Writes libs/model/src/statistical/theta/fixtures/thetaf-golden.json.
# Run from the repository root:  Rscript tools/reference/theta-golden.R
# (R >= 4.2, forecast 8.20 and jsonlite used for the committed file.)
suppressPackageStartupMessages({
  library(forecast)
  library(jsonlite)
})

series_dir <- file.path("tools", "reference", "series")
out_file <- file.path("libs", "model", "src", "statistical", "theta", "fixtures", "thetaf-golden.json")
picked <- c("air_passengers", "m3_quarterly_Q1", "m3_quarterly_Q300", "m3_quarterly_Q600",
            "m4_hourly_H150", "m3_yearly_Y1", "with_zeros")
index <- read.csv(file.path(series_dir, "index.csv"))

entry <- function(name) {
  row <- index[index$name == name, ]
  y <- read.csv(file.path(series_dir, row$file))$y
  m <- row$m
  h <- row$h
  x <- ts(y, frequency = m)
  n <- length(y)
  out <- list(name = name, m = m, h = h, y = I(y))
  if (m > 1) {
    r <- as.numeric(acf(x, lag.max = m, plot = FALSE)$acf)[-1]
    out$acf <- I(r)
    stat <- sqrt((1 + 2 * sum(r[-m]^2)) / n)
    out$seasonal <- (abs(r[m]) / stat > qnorm(0.95))
    if (n >= 2 * m) {
      out$additiveFigure <- I(as.numeric(decompose(x, type = "additive")$figure))
      if (min(y) > 0) out$multiplicativeFigure <- I(as.numeric(decompose(x, type = "multiplicative")$figure))
    }
  }
  if (min(y) > 0) {
    fc <- thetaf(x, h = h, level = c(80, 95))
    # thetaf keeps alpha and the drift but not ses()'s initial level: refit
    # ses() on the series thetaf smoothed (seasonally adjusted when seasonal).
    adjusted <- if (isTRUE(out$seasonal) && n > 2 * m) seasadj(decompose(x, type = "multiplicative")) else x
    par <- ses(adjusted, h = h)$model$par
    out$thetaf <- list(
      alpha = unname(fc$model$alpha), drift = unname(fc$model$drift), l0 = unname(par["l"]),
      mean = I(as.numeric(fc$mean)),
      lo80 = I(as.numeric(fc$lower[, 1])), hi80 = I(as.numeric(fc$upper[, 1])),
      lo95 = I(as.numeric(fc$lower[, 2])), hi95 = I(as.numeric(fc$upper[, 2])),
      sigma2 = fc$model$sigma
    )
  }
  out
}

golden <- list(
  generated_by = "tools/reference/theta-golden.R",
  r_version = R.version.string,
  forecast_version = as.character(packageVersion("forecast")),
  series = lapply(picked, entry)
)
writeLines(toJSON(golden, auto_unbox = TRUE, digits = NA, pretty = FALSE), out_file)
cat("wrote", out_file, "\n")
