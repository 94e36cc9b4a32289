"""WGS 84 -> UTM, written out from the Krueger series (4th order in n, sub-millimetre), so the
importer's reprojection is checked against arithmetic that does not go through PROJ."""

import math

A_AXIS = 6_378_137.0
FLATTENING = 1 / 298.257223563
K0 = 0.9996
FALSE_EASTING = 500_000.0


def utm_north(lon: float, lat: float, zone: int) -> tuple[float, float]:
    """Easting and northing in metres of (lon, lat) degrees in UTM `zone`, northern hemisphere."""
    n = FLATTENING / (2 - FLATTENING)
    rectifying_radius = A_AXIS / (1 + n) * (1 + n**2 / 4 + n**4 / 64)
    alpha = (
        n / 2 - 2 * n**2 / 3 + 5 * n**3 / 16 + 41 * n**4 / 180,
        13 * n**2 / 48 - 3 * n**3 / 5 + 557 * n**4 / 1440,
        61 * n**3 / 240 - 103 * n**4 / 140,
        49561 * n**4 / 161280,
    )
    phi = math.radians(lat)
    delta_lambda = math.radians(lon - (zone * 6 - 183))
    e = 2 * math.sqrt(n) / (1 + n)
    t = math.sinh(math.atanh(math.sin(phi)) - e * math.atanh(e * math.sin(phi)))
    xi_prime = math.atan2(t, math.cos(delta_lambda))
    eta_prime = math.atanh(math.sin(delta_lambda) / math.sqrt(1 + t * t))
    xi = xi_prime + sum(
        a * math.sin(2 * j * xi_prime) * math.cosh(2 * j * eta_prime)
        for j, a in enumerate(alpha, start=1)
    )
    eta = eta_prime + sum(
        a * math.cos(2 * j * xi_prime) * math.sinh(2 * j * eta_prime)
        for j, a in enumerate(alpha, start=1)
    )
    return FALSE_EASTING + K0 * rectifying_radius * eta, K0 * rectifying_radius * xi
