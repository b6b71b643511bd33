# Golden values for STL and MSTL (tsforecast MSTL agent).
# Run from the repository root:  Rscript tools/reference/mstl-golden.R
# Writes libs/model/src/statistical/mstl/fixtures/mstl-golden.json:
#   - stats::stl with R's defaults (robust = FALSE) on AirPassengers (m = 12, s.window = 11 and 7)
#     and on a short series (m = 4, s.window = 5, n = 9) where the windows are wider than the subseries;
#   - forecast::mstl on AirPassengers (m = 12) and on the last 400 hours of M4 H10
#     (msts with periods 24 and 168), every component;
#   - for the hourly one, the seasonal naive forecast of the seasonal components
#     (what MSTL adds to the trend forecast), h = 48.
suppressMessages(library(forecast))
library(jsonlite)

air <- read.csv("apps/cli/assets/air_passengers.csv")$y[1:132]
hourly_csv <- "tools/reference/series/m4_hourly_H10_tail400.csv"
if (!file.exists(hourly_csv)) {
  h <- read.csv("/work/shared/data/m4_hourly/train.csv")
  y <- h$y[h$unique_id == "H10"]
  write.csv(data.frame(y = tail(y, 400)), hourly_csv, row.names = FALSE)
}
hourly <- read.csv(hourly_csv)$y
short <- c(5, 9, 2, 7, 6, 10, 3, 8, 7)

stl_case <- function(y, m, s.window) {
  fit <- stl(ts(y, frequency = m), s.window = s.window)
  list(y = y, m = m, sWindow = s.window, seasonal = as.numeric(fit$time.series[, "seasonal"]),
       trend = as.numeric(fit$time.series[, "trend"]))
}
mstl_case <- function(x) {
  fit <- mstl(x)
  cols <- colnames(fit)
  seas <- lapply(grep("^Seasonal", cols, value = TRUE), function(c) as.numeric(fit[, c]))
  list(y = as.numeric(x), trend = as.numeric(fit[, "Trend"]), seasonals = seas,
       remainder = as.numeric(fit[, "Remainder"]))
}
hourly_mstl <- mstl(msts(hourly, seasonal.periods = c(24, 168)))
seas_fc <- rep(0, 48)
for (p in c(24, 168)) {
  s <- as.numeric(hourly_mstl[, paste0("Seasonal", p)])
  seas_fc <- seas_fc + rep(tail(s, p), length.out = 48)
}
out <- list(
  r = R.version.string, forecast = as.character(packageVersion("forecast")),
  stl = list(stl_case(air, 12, 11), stl_case(air, 12, 7), stl_case(short, 4, 5)),
  mstlAir = c(mstl_case(ts(air, frequency = 12)), list(periods = list(12))),
  mstlHourly = c(mstl_case(msts(hourly, seasonal.periods = c(24, 168))), list(periods = c(24, 168), seasonalForecast48 = seas_fc))
)
write(toJSON(out, auto_unbox = TRUE, digits = NA), "libs/model/src/statistical/mstl/fixtures/mstl-golden.json")
