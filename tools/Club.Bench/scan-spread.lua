-- wrk script for scan-wrk.sh: each request scans one of the serials listed in $SCAN_SERIALS, at random.
local serials = {}
for line in io.lines(os.getenv("SCAN_SERIALS")) do
    serials[#serials + 1] = line
end

request = function()
    return wrk.format("GET", "/T/" .. serials[math.random(#serials)])
end
