# R side of `npm run bench:stats`: forecasts every series of one chunk with one
# method of R's forecast package and writes the point forecasts.
#   Rscript tools/bench/stats/r-forecast.R <csv> <h> <m> <method> <out>
# <csv>: unique_id,y rows (training points only, series in order); <out>: one
# line per series, "unique_id,f1,...,fh" (17 significant digits).
# Prints one JSON line: {"compute_s": fit + forecast seconds after the library
# load, "failures": series where the method raised an error and snaive was used}.
# Methods use R's defaults; intervals at 80 and 95 % are computed as ours are.

suppressPackageStartupMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 5) stop("usage: r-forecast.R <csv> <h> <m> <method> <out>")
csv <- args[1]
h <- as.integer(args[2])
m <- as.integer(args[3])
method <- args[4]
out <- args[5]
levels <- c(80, 95)

methods <- list(
  ets = function(y) forecast(ets(y), h = h, level = levels)$mean,
  auto.arima = function(y) forecast(auto.arima(y), h = h, level = levels)$mean,
  thetaf = function(y) thetaf(y, h = h, level = levels)$mean,
  snaive = function(y) snaive(y, h = h, level = levels)$mean,
  meanf = function(y) meanf(y, h = h, level = levels)$mean,
  croston = function(y) croston(y, h = h)$mean
)
if (is.null(methods[[method]])) {
  stop(sprintf("method must be one of %s, got '%s'", paste(names(methods), collapse = ", "), method))
}
fit <- methods[[method]]

data <- read.csv(csv, colClasses = c("character", "numeric"))
ids <- unique(data$unique_id)
values <- split(data$y, factor(data$unique_id, levels = ids))

started <- proc.time()[["elapsed"]]
failures <- 0L
lines <- character(length(ids))
for (i in seq_along(ids)) {
  y <- ts(values[[i]], frequency = m)
  f <- tryCatch(as.numeric(fit(y)), error = function(e) NULL)
  if (is.null(f) || length(f) != h || any(!is.finite(f))) {
    failures <- failures + 1L
    f <- as.numeric(snaive(y, h = h)$mean)
  }
  lines[i] <- paste(c(ids[i], formatC(f, digits = 17, format = "g")), collapse = ",")
}
elapsed <- proc.time()[["elapsed"]] - started
writeLines(lines, out)
cat(sprintf("{\"compute_s\":%.3f,\"failures\":%d}\n", elapsed, failures))
