// Calls to Makon's API from the console: JSON in and out, the session's CSRF token on writes,
// and {code, detail} of a 4xx turned into an ApiError whose message a person can read.

export {ApiError, getJson} from '../../citymap/js/api.js';
import {ApiError} from '../../citymap/js/api.js';

function csrfToken() {
    const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : '';
}

async function errorOf(response) {
    let detail = '';
    try {
        const body = await response.json();
        detail = body.detail || Object.entries(body)
            .map(([field, messages]) => `${field}: ${[].concat(messages).join(' ')}`)
            .join('; ');
    } catch {
        // Not JSON: the status says enough.
    }
    return new ApiError(response.status, detail);
}

export async function postJson(url, body = {}) {
    const response = await fetch(url, {
        method: 'POST',
        credentials: 'same-origin',
        headers: {
            Accept: 'application/json',
            'Content-Type': 'application/json',
            'X-CSRFToken': csrfToken(),
        },
        body: JSON.stringify(body),
    });
    if (!response.ok) {
        throw await errorOf(response);
    }
    return response.json();
}

export async function postForm(url, form) {
    const response = await fetch(url, {
        method: 'POST',
        credentials: 'same-origin',
        headers: {Accept: 'application/json', 'X-CSRFToken': csrfToken()},
        body: form,
    });
    if (!response.ok) {
        throw await errorOf(response);
    }
    return response.json();
}

/** `template` (a URL with the id 0 in it, as Django reversed it) for object `id`. */
export function urlFor(template, id) {
    return template.replace('/0/', `/${encodeURIComponent(id)}/`);
}
