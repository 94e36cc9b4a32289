// Reads from Makon's public API. Every answer is JSON; a 4xx carries {code, detail}.

export class ApiError extends Error {
    constructor(status, detail) {
        super(detail || `HTTP ${status}`);
        this.status = status;
    }
}

export async function getJson(url, {signal} = {}) {
    const response = await fetch(url, {
        signal,
        credentials: 'same-origin',
        headers: {Accept: 'application/json'},
    });
    if (!response.ok) {
        let detail = '';
        try {
            detail = (await response.json()).detail || '';
        } catch {
            // An error page that is not JSON: the status says enough.
        }
        throw new ApiError(response.status, detail);
    }
    return response.json();
}

export function withQuery(url, params) {
    const target = new URL(url, window.location.origin);
    for (const [key, value] of Object.entries(params)) {
        target.searchParams.set(key, value);
    }
    return target.pathname + target.search;
}
